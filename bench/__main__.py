"""``python -m bench``: run every benchmark and print its ratios."""

from bench import store_write

if __name__ == "__main__":
    store_write.main()
