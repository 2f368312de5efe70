"""The loaded model, kept between runs and loaded again only when the choice changes."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from review_labeler.core.model_loading import LoadedModel, load_model

from .background import BackgroundTask
from .error_report import ErrorReport

log = logging.getLogger(__name__)


class ModelSession(QObject):
    """Loads a checkpoint in the background and caches it by (reference, device).

    ``loader`` is the function that loads a model; tests replace it with one that returns a stub.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader: Callable[..., LoadedModel] = load_model
        self._loaded: LoadedModel | None = None
        self._key: tuple[str, str] | None = None
        self._task = BackgroundTask("model-loading", self)
        self._task.busyChanged.connect(self.busyChanged)

    @property
    def loaded(self) -> LoadedModel | None:
        return self._loaded

    def is_busy(self) -> bool:
        return self._task.is_busy()

    def request(
        self,
        reference: str,
        device: str,
        on_ready: Callable[[LoadedModel], None],
        on_failure: Callable[[ErrorReport], None],
        *,
        allow_pickle: bool = False,
    ) -> bool:
        """Call ``on_ready`` with the model, loading it first when needed.

        ``allow_pickle`` lets a checkpoint with only pickle weights load; pass it only after
        the user confirmed that they trust the file. Returns True when the model was already
        loaded and ``on_ready`` has run.
        """
        key = (reference, device)
        if self._loaded is not None and self._key == key:
            on_ready(self._loaded)
            return True

        loader = self.loader

        def load() -> LoadedModel:
            if allow_pickle:
                return loader(reference, device=device, allow_pickle=True)
            return loader(reference, device=device)

        def ready(loaded: LoadedModel) -> None:
            self._loaded, self._key = loaded, key
            on_ready(loaded)

        # Drop the previous model before loading, so that its memory can be freed for the new one.
        self._loaded, self._key = None, None
        log.info("Loading model %s on %s%s", reference, device, " (pickle weights allowed)" if allow_pickle else "")
        self._task.start(load, ready, on_failure)
        return False

    def abandon(self) -> None:
        """Forget a load in progress; its model is dropped when it arrives."""
        self._task.supersede()

    def shutdown(self) -> None:
        self._task.shutdown()
