# Meta reported 1,720,320 A100 GPU-hours for LLaMA-2 70B (Touvron et al., 2023, table 2).
# What share of the A100's peak did the training really use?
from lmdocs.compute import GPUS, implied_utilization, training_flops
from lmdocs.i18n import tr

flops = training_flops(70e9, 2e12)
mfu = implied_utilization(flops, GPUS["A100"], gpu_hours=1_720_320)
print(tr("utilization ≈ {mfu:.0%}", "بهره‌وری ≈ {mfu:.0%}", mfu=mfu))

# Expected output (en):
# utilization ≈ 43%
# Expected output (fa):
# بهره‌وری ≈ ۴۳٪
