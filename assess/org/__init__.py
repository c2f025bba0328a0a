"""Organisation view: many teams' answers rolled up, compared and tracked over time."""
