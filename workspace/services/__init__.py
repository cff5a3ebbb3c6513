"""Every write in the workspace core, one module per concern.

Services are the only code that changes data: they validate, write inside a transaction, record the
audit event, and send notifications, broadcasts and task enqueues only after the transaction commits.
They never see a request object; role rules live here so tasks, admin and commands obey them too.
"""
