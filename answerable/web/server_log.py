"""gunicorn's access and error logs, redacted as the application's own log is.

gunicorn writes its own lines (access, worker errors) through its own loggers, which the
application's LOGGING does not reach: a path with an e-mail address in it, or with %0A to
start a forged line, would be written as it came. This logger class (gunicorn_conf.py:
logger_class) puts both through web/logging.py's redaction and writes each event on one
line.
"""

import logging
from typing import Any

from gunicorn.glogging import Logger

from answerable.web.logging import OneLineFormatter, RedactPersonalData


class RedactingLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            # On the loggers: every handler, syslog's and any added later, sees redacted text.
            if not any(isinstance(f, RedactPersonalData) for f in log.filters):
                log.addFilter(RedactPersonalData())

    def _set_handler(
        self, log: logging.Logger, output: Any, fmt: logging.Formatter, stream: Any = None
    ) -> None:
        super()._set_handler(log, output, OneLineFormatter(fmt), stream=stream)
