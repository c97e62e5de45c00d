# This cell uses `counts` from the cell above: cells on one page share their variables.
longest = max(counts, key=len)
print("longest word:", longest)
print("letters:", len(longest))

# Expected output:
# longest word: میخانه
# letters: 6
