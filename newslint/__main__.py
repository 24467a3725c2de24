"""`python -m newslint` runs the command line."""
from newslint.cli import main

main()
