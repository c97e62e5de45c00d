# Exercise: by what fraction does L(N) = (N_c / N) ** 0.076 fall when N grows tenfold?
from lmdocs.exercises import check

answer = ...  # a fraction between 0 and 1, e.g. 0.5 for "by half"
check("part6.scaling", answer)
