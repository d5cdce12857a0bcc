"""schedule-export: UN annotated provisional agendas into calendars, programmes and emails."""

__version__ = "0.1.0"
