# How much compute did well-known models take? FLOPs ≈ 6 × parameters × tokens,
# where a mixture of experts counts only the parameters active per token (m.active).
from lmdocs.compute import GPUS, MODELS, gpu_days, human, training_flops
from lmdocs.i18n import tr

for name, m in MODELS.items():
    flops = training_flops(m.parameters, m.tokens, m.active)
    days = gpu_days(flops, GPUS["H100"], utilization=0.4)   # one H100 at 40% of its peak
    print(tr("{name:14} {flops:>8} FLOPs  {days:>10,.0f} H100-days",
             "{name:14} {flops:>8} FLOPs  {days:>10,.0f} H100-روز", name=name, flops=human(flops), days=days))

# Expected output (en):
# GPT-3 175B      3.15e23 FLOPs       9,216 H100-days
# Chinchilla 70B  5.88e23 FLOPs      17,203 H100-days
# LLaMA-2 70B      8.4e23 FLOPs      24,576 H100-days
# Llama 3 405B    3.79e25 FLOPs   1,109,075 H100-days
# DeepSeek-V3     3.29e24 FLOPs      96,127 H100-days
# Kimi K2         2.98e24 FLOPs      87,069 H100-days
# Expected output (fa):
# GPT-3 175B      3.15e23 FLOPs       ۹٬۲۱۶ H100-روز
# Chinchilla 70B  5.88e23 FLOPs      ۱۷٬۲۰۳ H100-روز
# LLaMA-2 70B      8.4e23 FLOPs      ۲۴٬۵۷۶ H100-روز
# Llama 3 405B    3.79e25 FLOPs   ۱٬۱۰۹٬۰۷۵ H100-روز
# DeepSeek-V3     3.29e24 FLOPs      ۹۶٬۱۲۷ H100-روز
# Kimi K2         2.98e24 FLOPs      ۸۷٬۰۶۹ H100-روز
