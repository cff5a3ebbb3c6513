"""The policy bank's search endpoint: every filter in the query string, so a search can be shared as a URL."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from policybank.models import MAX_YEAR, MIN_YEAR, DocumentKind
from policybank.search import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, SORTS, SearchFilters, document_search
from workspace.api.views import WorkspaceScopedView, errors

__all__ = ["DocumentSearchView"]


class CountryCodeField(serializers.RegexField):
    def __init__(self) -> None:
        super().__init__(r"^[A-Za-z]{2}$", error_messages={"invalid": _("Use a two-letter country code, e.g. KH.")})

    def to_internal_value(self, data: Any) -> str:
        return str(super().to_internal_value(data)).upper()


class DocumentSearchQuerySerializer(serializers.Serializer[Any]):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=MAX_QUERY_LENGTH,
        help_text='Words (all must match), "exact phrases" and -excluded words; empty to browse.',
    )
    kind = serializers.ListField(
        child=serializers.ChoiceField(choices=DocumentKind.choices), required=False, default=list
    )
    theme = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, default=list)
    country = serializers.ListField(child=CountryCodeField(), required=False, default=list)
    year = serializers.ListField(
        child=serializers.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR), required=False, default=list
    )
    language = serializers.ListField(child=serializers.CharField(max_length=8), required=False, default=list)
    publisher = serializers.ListField(child=serializers.CharField(max_length=200), required=False, default=list)
    group = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    sort = serializers.ChoiceField(choices=[(sort, sort) for sort in SORTS], required=False, default="relevance")
    page = serializers.IntegerField(min_value=1, max_value=10_000, required=False, default=1)
    page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False, default=20)
    facets = serializers.BooleanField(required=False, default=True, help_text="Count facets (default true).")

    def to_internal_value(self, data: Any) -> Any:
        # A QueryDict: repeated parameters (?kind=law&kind=policy) are lists; the others single values.
        if hasattr(data, "getlist"):
            lists = ("kind", "theme", "country", "year", "language", "publisher")
            data = {key: data.getlist(key) if key in lists else data.get(key) for key in data}
        return super().to_internal_value(data)


class SearchHitOutputSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    year = serializers.IntegerField(allow_null=True)
    publisher = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: the text escaped, the matches wrapped in <mark>.")
    rank = serializers.FloatField(allow_null=True, help_text="Higher is better; only for relevance sorting.")


class FacetCountOutputSerializer(serializers.Serializer[Any]):
    value = serializers.CharField()
    count = serializers.IntegerField()
    name = serializers.CharField()


class SearchFacetsOutputSerializer(serializers.Serializer[Any]):
    kind = FacetCountOutputSerializer(many=True)
    theme = FacetCountOutputSerializer(many=True)
    country = FacetCountOutputSerializer(many=True)
    year = FacetCountOutputSerializer(many=True)
    language = FacetCountOutputSerializer(many=True)
    publisher = FacetCountOutputSerializer(many=True)


class SearchFiltersOutputSerializer(serializers.Serializer[Any]):
    kinds = serializers.ListField(child=serializers.CharField())
    themes = serializers.ListField(child=serializers.IntegerField())
    countries = serializers.ListField(child=serializers.CharField())
    years = serializers.ListField(child=serializers.IntegerField())
    languages = serializers.ListField(child=serializers.CharField())
    publishers = serializers.ListField(child=serializers.CharField())
    group = serializers.IntegerField(allow_null=True)


class DocumentSearchOutputSerializer(serializers.Serializer[Any]):
    total = serializers.IntegerField(help_text="The number of matches, or a lower bound when total_exact is false.")
    total_exact = serializers.BooleanField(help_text="False when there are more matches than total (say 10,000+).")
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    results = SearchHitOutputSerializer(many=True)
    facets = SearchFacetsOutputSerializer(
        required=False, help_text="Counts over the matches with every other filter applied (absent with facets=false)."
    )
    facets_exact = serializers.BooleanField(
        help_text="False when the facets were counted over a sample of the matches (a very common word)."
    )
    query = serializers.CharField()
    sort = serializers.CharField()
    filters = SearchFiltersOutputSerializer()


class DocumentSearchView(WorkspaceScopedView):
    @extend_schema(
        operation_id="workspaces_policy_search",
        parameters=[DocumentSearchQuerySerializer],
        responses={200: DocumentSearchOutputSerializer, **errors(400, 401, 404)},
    )
    def get(self, request: Request, slug: str) -> Response:
        actor = self.membership()
        serializer = DocumentSearchQuerySerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = document_search(
            actor=actor,
            query=data["q"],
            filters=SearchFilters(
                kinds=tuple(data["kind"]),
                themes=tuple(data["theme"]),
                countries=tuple(data["country"]),
                years=tuple(data["year"]),
                languages=tuple(data["language"]),
                publishers=tuple(data["publisher"]),
                group=data["group"],
            ),
            sort=data["sort"],
            page=data["page"],
            page_size=data["page_size"],
            facets=data["facets"],
        )
        body = result.as_dict()
        if not data["facets"]:
            del body["facets"]
        return Response(DocumentSearchOutputSerializer(body).data)
