# How much compute did GPT-3 take? FLOPs ≈ 6 × parameters × tokens.
from lmdocs.compute import GPUS, MODELS, gpu_days, human, training_flops
from lmdocs.i18n import tr

for name, (parameters, tokens, source) in MODELS.items():
    flops = training_flops(parameters, tokens)
    days = gpu_days(flops, GPUS["A100"], utilization=0.4)   # one A100 at 40% of its peak
    print(tr("{name:15} {flops:>8} FLOPs  {days:>9,.0f} A100-days",
             "{name:15} {flops:>8} FLOPs  {days:>9,.0f} A100-روز", name=name, flops=human(flops), days=days))

# Expected output (en):
# GPT-3 175B       3.15e23 FLOPs     29,213 A100-days
# Chinchilla 70B   5.88e23 FLOPs     54,532 A100-days
# LLaMA-2 70B       8.4e23 FLOPs     77,902 A100-days
# Expected output (fa):
# GPT-3 175B       3.15e23 FLOPs     ۲۹٬۲۱۳ A100-روز
# Chinchilla 70B   5.88e23 FLOPs     ۵۴٬۵۳۲ A100-روز
# LLaMA-2 70B       8.4e23 FLOPs     ۷۷٬۹۰۲ A100-روز
