from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("advocacy", "0002_citation"),
        ("policybank", "0001_initial"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="citation",
            constraint=models.UniqueConstraint(
                models.F("document"),
                models.F("tree"),
                models.F("node_key"),
                models.F("page"),
                condition=models.Q(("tree__isnull", False)),
                name="citation_once_per_node_page",
            ),
        ),
        migrations.AddConstraint(
            model_name="citation",
            constraint=models.UniqueConstraint(
                models.F("document"),
                models.F("agenda"),
                models.F("section"),
                models.F("page"),
                condition=models.Q(("agenda__isnull", False)),
                name="citation_once_per_section_page",
            ),
        ),
    ]
