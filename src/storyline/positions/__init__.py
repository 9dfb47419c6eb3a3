"""Positions: actors' stated stances on issues (offer, demand, accept, reject, consider,
condition, support, oppose), per article sentence and grouped per story."""
