"""``assessment`` is a pure library: it imports nothing from Django or other Quarterly apps."""

from __future__ import annotations

import json
import subprocess
import sys


def test_importing_assessment_loads_no_django_and_no_other_app():
    # given a fresh interpreter (this test process may already have Django loaded)
    code = (
        "import json, sys, quarterly.assessment; "
        "print(json.dumps(sorted(m for m in sys.modules "
        "if m.split('.')[0] == 'django' or (m.startswith('quarterly.') "
        "and not m.startswith('quarterly.assessment')))))"
    )
    # when
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # then
    assert json.loads(out.stdout) == []
