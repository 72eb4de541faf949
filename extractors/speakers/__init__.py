"""Who said it: the people, organizations and documents an article names, and the sieves that name
each source mention (pronouns, partitives, titles, authors)."""
