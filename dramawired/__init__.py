"""DramaWired: publishers' feeds in, an entertainment news site out."""
