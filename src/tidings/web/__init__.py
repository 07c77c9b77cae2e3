"""The web pages: server-rendered Jinja2 templates over the `Tidings` facade."""
