# The same probability with add-one smoothing.
from lmdocs.exercises import check

answer = ...  # |V| counts the words, </s> and <unk>
check("part2.add-one", answer)
