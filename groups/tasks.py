"""Celery entry points of the groups app: ids in, call the service of the same name."""

from celery import shared_task

from groups.services import votes


@shared_task(name="groups.tasks.dot_vote_close_due")
def dot_vote_close_due(vote_id: int) -> bool:
    return votes.dot_vote_close_due(vote_id=vote_id)


@shared_task(name="groups.tasks.dot_votes_close_overdue")
def dot_votes_close_overdue() -> int:
    return votes.dot_votes_close_overdue()
