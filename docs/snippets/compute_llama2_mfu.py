# Meta reported 1,720,320 A100 GPU-hours for LLaMA-2 70B (Touvron et al., 2023).
# What share of the A100's peak did the training really use?
from lmdocs.compute import GPUS, implied_utilization, training_flops

flops = training_flops(70e9, 2e12)
mfu = implied_utilization(flops, GPUS["A100"], gpu_hours=1_720_320)
print(f"utilisation ≈ {mfu:.0%}")

# Expected output:
# utilisation ≈ 43%
