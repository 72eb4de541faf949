"""Reading articles: files, folders, globs, JSON Lines and HTML in; :class:`.article.Article` out,
cleaned for parsing with a map back to the text as read, with its publication date."""
