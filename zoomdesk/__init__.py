"""zoomdesk: schedule Zoom meetings from your desktop."""

__version__ = "0.1.0"
