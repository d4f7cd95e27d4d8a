# A Buildbot step that runs perflab against the previous commit and maps its
# exit codes: a confirmed regression fails the build, or — with --warn-only —
# marks it WARNINGS, as is a case that could not be settled (5); a broken
# suite fails it; perflab's own failure is an
# EXCEPTION.
from buildbot.plugins import steps, util

perflab = steps.ShellCommand(
    name="perflab",
    description="measuring",
    descriptionDone="perflab",
    command=["node", "/opt/perflab/bin/perflab.js", "ci",
             "--base", "HEAD~1", "--suites", "suites",
             "--report", "perflab-report.md", "--warn-only"],
    decodeRC={0: util.SUCCESS, 1: util.FAILURE, 2: util.FAILURE, 3: util.EXCEPTION, 4: util.WARNINGS, 5: util.WARNINGS},
    logfiles={"report": "perflab-report.md"},
    haltOnFailure=False,
)

# factory.addStep(perflab)
