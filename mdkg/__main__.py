from mdkg.cli import main

main()
