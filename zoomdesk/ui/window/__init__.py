"""The main window: its pages, menus, first run, settings and the meeting list."""
