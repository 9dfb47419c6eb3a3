from storyline.cli.main import main

main()
