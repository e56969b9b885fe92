"""mentorkit: the course kit of the learning-mentor (oppimismentori) programme."""

__version__ = "0.1.0"
