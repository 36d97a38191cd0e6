"""Typer's command group, whose `--help` option does not load pydantic when it was not given.

Typer coerces every option of a group on the way to a subcommand; `--help` left out is None,
not a bool, so typer builds a pydantic TypeAdapter for it: 0.2-0.3 s of imports for
`claimlog queue --help`. A flag left out needs no coercion; a given one is a bool already.
"""

from __future__ import annotations

from typing import Any

from typer._coercion import PassThroughRuntimeParam
from typer.core import TyperGroup


class Group(TyperGroup):
    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None and option._runtime_param is None:
            info = option.type_descriptor
            option._runtime_param = PassThroughRuntimeParam(annotation=info.annotation,
                                                            parameter_info=info.parameter_info)
        return option
