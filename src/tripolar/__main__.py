from tripolar.cli import run

run()
