"""Every write to the policy bank (themes, documents, files, extraction, imports); see each module."""

from policybank.services.citation_counters import citation_counter_register, document_citation_count
from policybank.services.documents import (
    DocumentCited,
    document_create,
    document_file_upload,
    document_publish_network_position,
    document_remove,
    document_update,
)
from policybank.services.themes import theme_create, theme_delete, theme_update

__all__ = [
    "DocumentCited",
    "citation_counter_register",
    "document_citation_count",
    "document_create",
    "document_file_upload",
    "document_publish_network_position",
    "document_remove",
    "document_update",
    "theme_create",
    "theme_delete",
    "theme_update",
]
