"""The generic live-document machinery: Yjs sync and awareness over websockets, the update log,
materialisation into ordinary rows, compaction. The apps register their document kinds (registry.py)."""
