# Sparsity: the longer the n-gram, the more of the held-out text was never seen in training.
from lmdocs.corpora import hafez_split
from lmdocs.i18n import tr
from lmdocs.ngram import count_ngrams

train, test = hafez_split()
seen_lines = set(train)
print(tr("held-out half-verses seen whole in training: {k} of {n}",
         "مصراع‌های کنارگذاشته که عیناً در دادهٔ آموزش آمده‌اند: {k} از {n}",
         k=sum(line in seen_lines for line in test), n=len(test)))
train_counts = count_ngrams(train, order=4)
test_counts = count_ngrams(test, order=4)
for n in range(1, 5):
    grams = [gram for gram in test_counts[n].elements() if gram != ("<s>",)]
    unseen = sum(gram not in train_counts[n] for gram in grams)
    print(tr("{n}-grams of the held-out text never seen in training: {share:.1%}",
             "{n}-گرم‌های متن کنارگذاشته که در آموزش دیده نشده‌اند: {share:.1%}",
             n=n, share=unseen / len(grams)))

# Expected output (en):
# held-out half-verses seen whole in training: 1 of 920
# 1-grams of the held-out text never seen in training: 9.3%
# 2-grams of the held-out text never seen in training: 57.1%
# 3-grams of the held-out text never seen in training: 90.6%
# 4-grams of the held-out text never seen in training: 98.4%
# Expected output (fa):
# مصراع‌های کنارگذاشته که عیناً در دادهٔ آموزش آمده‌اند: ۱ از ۹۲۰
# ۱-گرم‌های متن کنارگذاشته که در آموزش دیده نشده‌اند: ۹٫۳٪
# ۲-گرم‌های متن کنارگذاشته که در آموزش دیده نشده‌اند: ۵۷٫۱٪
# ۳-گرم‌های متن کنارگذاشته که در آموزش دیده نشده‌اند: ۹۰٫۶٪
# ۴-گرم‌های متن کنارگذاشته که در آموزش دیده نشده‌اند: ۹۸٫۴٪
