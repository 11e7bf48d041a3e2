"""The practice library's benchmark (``make bench``): not tests, never collected by pytest."""
