"""Computations over an :class:`~macros.model.Atlas`: nothing here renders or reads files, and every
answer depends only on the arguments. Nothing here keeps state: ``scope`` reads the per-version
index the (immutable) Atlas builds once (``Atlas.scope``)."""
