"""Computations over an :class:`~macros.model.Atlas`: nothing here renders or reads files, and every
answer depends only on the arguments (``scope`` memoises answers per dataset and per state object)."""
