"""The application layer: the use cases every front end (command line, terminal app, reports) calls.

YAML -> load -> pure engine -> Assessment -> renderers, with typed results and the errors of
``assess.errors``:
- ``team``: load one answers file with its questionnaire, and assess it;
- ``org``: load many answers files (skipping invalid ones) and roll them up; compare and history;
- ``render``: any result in a named format;
- ``output``: write a result to standard output or a file, safely and never over an input.
Nothing here parses arguments or draws a screen, and nothing imports a front end.
"""
