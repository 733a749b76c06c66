"""python -m drafter.cli"""

from drafter.cli import main

main()
