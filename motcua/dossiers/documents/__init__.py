"""The papers the system prints for a dossier (forms BM.01–BM.05, the stop notice) and the
tracking book BM.06, as PDF in the official layout (and the book as xlsx too)."""
