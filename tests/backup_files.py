"""Opening and re-sealing backups in tests, as someone holding ANSWERABLE_BACKUP_KEY could.

The tests that check what a restore refuses beyond the seal (a member that no longer matches
its SHA-256, another format version, a row a constraint refuses) need a backup changed and
sealed again; tests/test_backup_sealed.py checks that one changed without the key is refused.
"""

import io
import zipfile
from pathlib import Path

from answerable.backup.manifest import MANIFEST, MANIFEST_MAC
from answerable.backup.sealed import SealingWriter, manifest_mac, unsealed


def members(path: Path) -> dict[str, bytes]:
    """The backup's zip members by name, in the order written."""
    with unsealed(path) as (plain, _), zipfile.ZipFile(plain) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def seal(entries: dict[str, bytes], target: Path, *, sign: bool = True, key: bytes | None = None):
    """`entries` zipped and sealed into `target`; the manifest's MAC recomputed if `sign`."""
    with open(target, "wb") as out:
        sealing = SealingWriter(out, key)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in entries.items():
                if name == MANIFEST_MAC and sign:
                    data = manifest_mac(entries[MANIFEST], sealing.salt, key).encode()
                archive.writestr(name, data)
        sealing.write(buffer.getvalue())
        sealing.close()
