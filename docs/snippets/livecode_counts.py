# Count the words of a line of Hafez: a dictionary from word to count.
line = "دوش دیدم که ملایک در میخانه زدند"
counts = {}
for word in line.split():
    counts[word] = counts.get(word, 0) + 1
print(len(counts), "different words")
print(counts["که"])

# Expected output:
# 7 different words
# 1
