"""The meeting dialog: its form, fields, recurrence editor, time zone picker and success view."""
