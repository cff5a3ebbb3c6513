"""Problem trees, advocacy agendas, submissions, reviews and feedback rounds arrive with their issues."""
