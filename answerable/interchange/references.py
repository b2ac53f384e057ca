"""Resolving the force, division and station named in a row to the reference data.

Stations and divisions are reference data an administrator keeps: an unknown name is an
error (most likely a typo) unless the import is told to add new ones (`--add-stations`).
"""

from answerable.register.models import Division, Force, Station


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


IMPORT_HINT = "or import with --add-stations"
KEYS_REMEMBERED = 4_096  # names whose key is remembered: a file names few, often


class References:
    def __init__(self, default_force: str, *, add_missing: bool, hint: str = IMPORT_HINT) -> None:
        """`hint` ends the message for an unknown name: how else it could be added."""
        self.default_force = default_force
        self.add_missing = add_missing
        self.hint = hint
        self.forces = {_key(f.name): f for f in Force.objects.all()}
        self.divisions: dict[tuple[str, str], Division] = {}
        for division in Division.objects.select_related("force"):
            force = _key(division.force.name)
            self.divisions[(force, _key(division.code))] = division
            self.divisions[(force, _key(division.name))] = division
        self.stations = {
            (_key(s.force.name), _key(s.name)): s for s in Station.objects.select_related("force")
        }
        self.keys: dict[str, str] = {}  # name as given -> its _key, for the names met first
        self.new_forces: dict[str, str] = {}
        self.new_divisions: dict[tuple[str, str], str] = {}
        self.new_stations: dict[tuple[str, str], tuple[str, str | None]] = {}

    def _key(self, name: str) -> str:
        """_key(name), remembered: every row of a file names its force, division and
        station again."""
        key = self.keys.get(name)
        if key is None:
            key = _key(name)
            if len(self.keys) < KEYS_REMEMBERED:
                self.keys[name] = key
        return key

    def force(self, name: str | None) -> str:
        """The canonical key of the row's force (the installation's own when not given)."""
        key = self._key(name or self.default_force)
        if key not in self.forces and key not in self.new_forces:
            if not self.add_missing and name is not None:
                raise ValueError(f"unknown force {name!r}; add it in the admin, {self.hint}")
            self.new_forces[key] = " ".join((name or self.default_force).split())
        return key

    def division(self, force: str, name: str | None) -> tuple[str, str] | None:
        if name is None:
            return None
        key = (force, self._key(name))
        if key not in self.divisions and key not in self.new_divisions:
            if not self.add_missing:
                raise ValueError(
                    f"unknown division {name!r}; use a division code or name held in the "
                    f"reference data, {self.hint}"
                )
            self.new_divisions[key] = " ".join(name.split())
        return key

    def station(self, force: str, name: str, division: tuple[str, str] | None) -> tuple[str, str]:
        key = (force, self._key(name))
        if key not in self.stations and key not in self.new_stations:
            if not self.add_missing:
                raise ValueError(
                    f"unknown custody centre {name!r}; add it to the stations in the admin, "
                    f"{self.hint}"
                )
            self.new_stations[key] = (" ".join(name.split()), division[1] if division else None)
        return key

    def materialise(self) -> None:
        """Create the forces, divisions and stations the file added (inside the import's
        transaction, so a failed import adds none of them)."""
        for key, name in self.new_forces.items():
            self.forces[key] = Force.objects.create(name=name)
        for (force, key), name in self.new_divisions.items():
            division = Division.objects.create(force=self.forces[force], code=name[:10], name=name)
            self.divisions[(force, key)] = division
        for (force, key), (name, division_key) in self.new_stations.items():
            in_division = self.divisions.get((force, division_key)) if division_key else None
            self.stations[(force, key)] = Station.objects.create(
                force=self.forces[force], name=name, division=in_division
            )
        self.new_forces, self.new_divisions, self.new_stations = {}, {}, {}
