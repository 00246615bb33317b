"""Pure computations over an :class:`~macros.model.Atlas`: nothing here renders or reads files."""
