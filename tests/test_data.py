import datetime as dt

"""The example data in data/ loads cleanly and cites as the seeds do."""

from builder.pipeline import Project, check, load_repository
from builder.references import document_reference, motion_name

from .conftest import REPO


def test_example_repository_loads_without_problems():
    repository, problems = load_repository(Project(REPO))
    assert problems == []
    assert {f"per-racisme-{c}" for c in "abcdefghijklm"} <= set(repository.commitments)
    assert {"T03545", "T01970", "tk-2022-sociale-veiligheid", "tk-2022-discriminatie"} <= set(repository.commitments)
    assert {"motie-bamenga", "motie-rajkowski", "motie-chakor"} <= set(repository.motions)


def test_example_briefs_pass_the_check():
    """Clean but for three true findings: seed 001's reply came two weeks after the committee's
    deadline, the first PER letter reported on the klachtencommissie late, and T01970 is overdue."""
    assert [d.code for d in check(Project(REPO), as_of=dt.date(2026, 11, 23))] == ["answered-late", "late-reply", "overdue"]


def test_documents_cite_in_leidraad_style():
    repository, _ = load_repository(Project(REPO))
    cite = lambda key: document_reference(repository.documents[key], "leidraad")
    assert cite("kst-30950-433") == "Kamerstukken II 2024/25, 30 950, nr. 433"
    assert cite("kst-35741-F") == "Kamerstukken I 2023/24, 35 741, F"
    assert cite("h-tk-20212022-73") == "Handelingen II 2021/22, nr. 73"


def test_documents_cite_in_kamer_style():
    repository, _ = load_repository(Project(REPO))
    assert document_reference(repository.documents["kst-31490-317"], "kamer") == "Kamerstuk 31 490, nr. 317"


def test_motions_are_named_as_in_letters():
    repository, _ = load_repository(Project(REPO))
    assert motion_name(repository.motions["motie-bamenga"]) == "de motie van het lid Bamenga"
    assert motion_name(repository.motions["motie-rajkowski"]) == "de motie van de leden Rajkowski en Van Baarle"
