// lmdocs.transformer's JavaScript kernel, part 2: one training step of the GPT (forward over a
// batch, cross-entropy, backward, gradient clipping, AdamW) in one call, for Pyodide
// (jskernel.py loads kernel_ops.js, then this file). A port of grad.py, backward.py and optim.py,
// which stay the documented reference; tests/pyodide/test_transformer_kernel.py checks both agree.
//
// The weights P, their gradient G and AdamW's moments m, v are flat Float64Arrays, the tensors
// back to back in the order and under the names of config.parameter_shapes (the recipe's torch
// names), each matrix row after row. The batch is B sequences of T tokens folded into M = B * T
// rows, so every Linear layer is one matrix product; lastLogits gives one sequence's next-token
// logits for sampling. Evaluating this file gives a function:
// ops (kernel_ops.js) -> { create, layout }.
((ops) => {
  "use strict";
  const { Arena } = ops;
  const ROWS = 8;  // attention works on blocks of this many query (or key) rows
  const SPAN = 64;  // weight gradients sum over the batch's rows in chunks of this many (cache-sized)
  const BLOCK = [["ln_1", 1, 1], ["attn.c_attn", 3, 1], ["attn.c_proj", 1, 1], ["ln_2", 1, 1],
                 ["mlp.c_fc", 4, 1], ["mlp.c_proj", 1, 4]];  // [name, rows, cols] in units of C; rows only for a LayerNorm

  // [name, offset, size, is a matrix] for every tensor, in parameter_shapes order
  function layout(V, block, L, C, bias) {
    const tensors = [];
    let size = 0;
    const add = (name, n, isMatrix) => { tensors.push([name, size, n, isMatrix]); size += n; };
    add("transformer.wte.weight", V * C, true);
    add("transformer.wpe.weight", block * C, true);
    for (let l = 0; l < L; l++) {
      for (const [name, rows, cols] of BLOCK) {
        const isNorm = name.startsWith("ln_");
        add(`transformer.h.${l}.${name}.weight`, isNorm ? C : rows * C * cols * C, !isNorm);
        if (bias) add(`transformer.h.${l}.${name}.bias`, rows * C, false);
      }
    }
    add("transformer.ln_f.weight", C, false);
    if (bias) add("transformer.ln_f.bias", C, false);
    return { tensors, size };
  }

  class Session {
    constructor(V, block, L, H, C, bias, maxTokens, matmul) {
      Object.assign(this, { V, block, L, H, C, hs: C / H, maxTokens });
      const { tensors, size } = layout(V, block, L, C, bias);
      this.tensors = tensors;
      const off = {};
      for (const [name, offset] of tensors) off[name] = offset;
      const at = (name) => (name in off ? off[name] : -1);
      this.w = [];  // per layer: offsets of its weights and biases (-1: no bias)
      for (let l = 0; l < L; l++) {
        const p = `transformer.h.${l}.`, o = {};
        for (const [name] of BLOCK) { o[name] = at(p + name + ".weight"); o[name + ".b"] = at(p + name + ".bias"); }
        this.w.push(o);
      }
      this.wte = off["transformer.wte.weight"];
      this.wpe = off["transformer.wpe.weight"];
      this.lnf = off["transformer.ln_f.weight"];
      this.lnfB = at("transformer.ln_f.bias");
      this.allocate(size, maxTokens, block, matmul);
      this.inputs = new Int32Array(maxTokens);
      this.targets = new Int32Array(maxTokens);
      Object.assign(this, { t: 0, status: 0, norm: 0, counted: 0, stale: true });
      this.settings = { beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1, clip: 1.0 };
    }

    allocate(size, M, T, matmul) {
      const { V, L, H, C } = this;
      const plan = [["P", size], ["G", size], ["m", size], ["v", size], ["X", (L + 1) * M * C],
        ["XH1", L * M * C], ["RS1", L * M], ["H1", L * M * C], ["QKV", L * M * 3 * C], ["ATT", L * H * M * T],
        ["Y", L * M * C], ["XM", L * M * C], ["XH2", L * M * C], ["RS2", L * M], ["H2", L * M * C],
        ["F", L * M * 4 * C], ["DGELU", L * M * 4 * C], ["GL", L * M * 4 * C], ["XHF", M * C], ["RSF", M],
        ["HF", M * C], ["LOGITS", M * V], ["TMP", M * C], ["DX", M * C], ["DHC", M * C], ["DY", M * C],
        ["DH4", M * 4 * C], ["DQKV", M * 3 * C], ["DP", T * T], ["newP", size], ["newM", size], ["newV", size],
        ["PT", size], ["ONE", 1], ["DB", 4 * 4 * C]];
      let doubles = 0;
      for (const [, n] of plan) doubles += 2 * Math.ceil(n / 2);
      this.arena = new Arena(doubles, matmul);
      this.matmul = this.arena.matmul;
      for (const [name, n] of plan) this[name] = this.arena.take(n);
      this.ONE[0] = 1;
    }

    configure(beta1, beta2, eps, weightDecay, clip) {
      this.settings = { beta1, beta2, eps, weightDecay, clip };
    }

    // ---- forward: the mean cross-entropy of inputs/targets[0 .. B*T); gradients of the loss
    // in the logits' buffer when grad is true
    forward(B, T, grad) {
      this.logits(B, T, grad);
      const M = B * T;
      let counted = 0;
      for (let r = 0; r < M; r++) if (this.targets[r] !== -1) counted++;
      if (counted === 0) throw new Error("every target is -1 (ignored)");
      this.counted = counted;
      return ops.crossEntropy(this.LOGITS, M, this.V, this.targets, 1 / counted, grad) / counted;
    }

    // LOGITS (B*T x V) for inputs[0 .. B*T); grad keeps what the backward pass needs
    logits(B, T, grad) {
      const { C, V, L, P } = this, M = B * T;
      if (B < 1 || T < 1 || T > this.block || M > this.maxTokens) throw new Error(`batch ${B} x ${T} does not fit this session`);
      const X = this.X;
      for (let r = 0; r < M; r++) {  // x0 = wte[ids] + wpe[:T]
        const x = r * C, e = this.wte + this.inputs[r] * C, p = this.wpe + (r % T) * C;
        for (let c = 0; c < C; c++) X[x + c] = P[e + c] + P[p + c];
      }
      if (this.stale) this.transposeWeights();
      for (let l = 0; l < L; l++) this.blockForward(l, B, T, grad);
      ops.layerNormForward(X.subarray(L * M * C), M, C, P, this.lnf, this.lnfB, this.XHF, this.RSF, this.HF);
      this.arena.nt(this.HF, 0, C, P, this.wte, C, this.LOGITS, 0, V, M, V, C);  // logits = ln_f wte^T
    }

    // the next-token logits after inputs[0 .. T) (one sequence): what sampling needs
    lastLogits(T) {
      this.logits(1, T, false);
      return this.LOGITS.subarray((T - 1) * this.V, T * this.V);
    }

    // PT[w] = W^T (K x N) for every block weight W (N x K) at offset w of P: the forward products
    // then read W^T row by row (matmul.wat's nn, no sums across SIMD lanes). Redone when P has
    // changed: after a step, and after weightsChanged() (whoever writes P must call it)
    weightsChanged() {
      this.stale = true;
    }

    transposeWeights() {
      this.stale = false;
      const { P, PT, C } = this;
      for (const o of this.w) {
        for (const [name, rows, cols] of BLOCK) {
          if (name.startsWith("ln_")) continue;
          const w = o[name], N = rows * C, K = cols * C;
          for (let n = 0; n < N; n++) for (let k = 0, src = w + n * K; k < K; k++) PT[w + k * N + n] = P[src + k];
        }
      }
    }

    linear(Xin, M, K, w, b, N, Out) {  // Out (M x N) = b + Xin (M x K) W^T, W^T from PT
      const P = this.P;
      if (b >= 0) {  // every row starts as the bias: one row, then copies that double the filled part
        Out.set(P.subarray(b, b + N));
        for (let filled = N; filled < M * N; filled *= 2) Out.copyWithin(filled, 0, Math.min(filled, M * N - filled));
      }
      this.arena.nn(Xin, 0, K, 1, this.PT, w, N, Out, 0, N, M, N, K, b >= 0 ? 1 : 0);
    }

    blockForward(l, B, T, grad) {
      const { C, H, P } = this, M = B * T, MC = M * C, o = this.w[l];
      const xIn = this.X.subarray(l * MC, (l + 1) * MC), xOut = this.X.subarray((l + 1) * MC, (l + 2) * MC);
      const h1 = this.H1.subarray(l * MC), qkv = this.QKV.subarray(l * 3 * MC), y = this.Y.subarray(l * MC);
      const xm = this.XM.subarray(l * MC), h2 = this.H2.subarray(l * MC);
      const f = this.F.subarray(l * 4 * MC), gl = this.GL.subarray(l * 4 * MC), tmp = this.TMP;
      ops.layerNormForward(xIn, M, C, P, o.ln_1, o["ln_1.b"], this.XH1.subarray(l * MC), this.RS1.subarray(l * M), h1);
      this.linear(h1, M, C, o["attn.c_attn"], o["attn.c_attn.b"], 3 * C, qkv);
      for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) this.attentionForward(l, b, h, T, qkv, y);
      this.linear(y, M, C, o["attn.c_proj"], o["attn.c_proj.b"], C, tmp);
      for (let i = 0; i < MC; i++) xm[i] = xIn[i] + tmp[i];  // residual
      ops.layerNormForward(xm, M, C, P, o.ln_2, o["ln_2.b"], this.XH2.subarray(l * MC), this.RS2.subarray(l * M), h2);
      this.linear(h2, M, C, o["mlp.c_fc"], o["mlp.c_fc.b"], 4 * C, f);
      ops.geluForward(f, gl, 4 * MC, grad ? this.DGELU.subarray(l * 4 * MC) : null);
      this.linear(gl, M, 4 * C, o["mlp.c_proj"], o["mlp.c_proj.b"], C, tmp);
      for (let i = 0; i < MC; i++) xOut[i] = xm[i] + tmp[i];
    }

    // one head of one sequence: p = causal softmax(q k^T / sqrt(hs)), y_head = p v. The products
    // run on blocks of ROWS queries and skip the keys after the block (their weights are exactly 0).
    attentionForward(l, b, h, T, qkv, y) {
      const { C, hs, arena } = this, C3 = 3 * C, q = b * T * C3 + h * hs, scale = 1 / Math.sqrt(hs);
      const S = this.ATT, s0 = this.attOffset(l, b, h, T);
      for (let i0 = 0; i0 < T; i0 += ROWS) {
        const rows = Math.min(ROWS, T - i0);
        arena.nt(qkv, q + i0 * C3, C3, qkv, q + C, C3, S, s0 + i0 * T, T, rows, i0 + rows, hs);
      }
      for (let i = 0; i < T; i++) {
        const row = s0 + i * T;
        let top = -Infinity;
        for (let j = 0; j <= i; j++) { const s = S[row + j] * scale; S[row + j] = s; if (s > top) top = s; }
        let norm = 0;
        for (let j = 0; j <= i; j++) { const e = ops.exp(S[row + j] - top); S[row + j] = e; norm += e; }
        for (let j = 0; j <= i; j++) S[row + j] /= norm;
        for (let j = i + 1; j < T; j++) S[row + j] = 0;
      }
      for (let i0 = 0; i0 < T; i0 += ROWS) {
        const rows = Math.min(ROWS, T - i0);
        arena.nn(S, s0 + i0 * T, T, 1, qkv, q + 2 * C, C3, y, (b * T + i0) * C + h * hs, C, rows, hs, i0 + rows);
      }
    }

    attOffset(l, b, h, T) {  // where head h of sequence b keeps its (T, T) weights in layer l
      return l * this.H * this.maxTokens * this.block + (b * this.H + h) * T * T;
    }

    // ---- backward: G = d loss / d P for the batch of the last forward(B, T, true)
    backward(B, T) {
      const { C, V, L, P, G } = this, M = B * T, arena = this.arena;
      G.fill(0);
      // logits = ln_f wte^T (lm_head tied to wte): dwte = dlogits^T ln_f, dln_f = dlogits wte
      for (let r0 = 0; r0 < M; r0 += SPAN) {
        arena.nn(this.LOGITS, r0 * V, 1, V, this.HF, r0 * C, C, G, this.wte, C, V, C, Math.min(SPAN, M - r0), r0 > 0 ? 1 : 0);
      }
      arena.nn(this.LOGITS, 0, V, 1, P, this.wte, C, this.DHC, 0, C, M, C, V);
      this.DX.fill(0, 0, M * C);
      ops.layerNormBackward(this.DHC, this.XHF, this.RSF, M, C, P, this.lnf, G, this.lnf, this.lnfB, this.DX);
      for (let l = L - 1; l >= 0; l--) this.blockBackward(l, B, T);
      const DX = this.DX;
      for (let r = 0; r < M; r++) {  // x0 = wte[ids] + wpe[:T]
        const x = r * C, e = this.wte + this.inputs[r] * C, p = this.wpe + (r % T) * C;
        for (let c = 0; c < C; c++) { G[e + c] += DX[x + c]; G[p + c] += DX[x + c]; }
      }
    }

    // Out = Xin W^T + b  ->  dW = dOut^T Xin, db = column sums of dOut, dXin = dOut W
    linearBackward(dOut, Xin, M, K, w, b, N, dXin) {
      const { P, G } = this;
      for (let r0 = 0; r0 < M; r0 += SPAN) {  // dW += dOut[r0:r0+SPAN]^T Xin[r0:r0+SPAN]
        this.arena.nn(dOut, r0 * N, 1, N, Xin, r0 * K, K, G, w, K, N, K, Math.min(SPAN, M - r0), r0 > 0 ? 1 : 0);
      }
      if (b >= 0) {  // db = 1^T dOut, summed row by row: four identical rows (the SIMD tile) into DB
        this.arena.nn(this.ONE, 0, 0, 0, dOut, 0, N, this.DB, 0, N, 4, N, M);
        G.set(this.DB.subarray(0, N), b);
      }
      this.arena.nn(dOut, 0, N, 1, P, w, K, dXin, 0, K, M, K, N);
    }

    blockBackward(l, B, T) {  // DX: d loss / d block output -> d loss / d block input
      const { C, H, P, G } = this, M = B * T, MC = M * C, o = this.w[l];
      const DX = this.DX, DHC = this.DHC, DH4 = this.DH4.subarray(0, 4 * MC), DQKV = this.DQKV;
      const qkv = this.QKV.subarray(l * 3 * MC);
      // x_out = xm + c_proj(gelu(c_fc(ln_2(xm))))
      this.linearBackward(DX, this.GL.subarray(l * 4 * MC), M, 4 * C, o["mlp.c_proj"], o["mlp.c_proj.b"], C, DH4);
      const dgelu = this.DGELU.subarray(l * 4 * MC);
      for (let i = 0; i < 4 * MC; i++) DH4[i] *= dgelu[i];  // through the GELU
      this.linearBackward(DH4, this.H2.subarray(l * MC), M, C, o["mlp.c_fc"], o["mlp.c_fc.b"], 4 * C, DHC);
      ops.layerNormBackward(DHC, this.XH2.subarray(l * MC), this.RS2.subarray(l * M), M, C, P, o.ln_2, G, o.ln_2,
                            o["ln_2.b"], DX);
      // xm = x_in + c_proj(attention(c_attn(ln_1(x_in))))
      this.linearBackward(DX, this.Y.subarray(l * MC), M, C, o["attn.c_proj"], o["attn.c_proj.b"], C, this.DY);
      for (let b = 0; b < B; b++) for (let h = 0; h < H; h++) this.attentionBackward(l, b, h, T, qkv);
      this.linearBackward(DQKV, this.H1.subarray(l * MC), M, C, o["attn.c_attn"], o["attn.c_attn.b"], 3 * C, DHC);
      ops.layerNormBackward(DHC, this.XH1.subarray(l * MC), this.RS1.subarray(l * M), M, C, P, o.ln_1, G, o.ln_1,
                            o["ln_1.b"], DX);
    }

    // dp = dy v^T, ds = p * (dp - sum_j p dp) / sqrt(hs), dv = p^T dy, dq = ds k, dk = ds^T q,
    // in blocks of ROWS queries (or keys) that skip the products with weights that are exactly 0
    attentionBackward(l, b, h, T, qkv) {
      const { C, hs, DP, DY, DQKV, arena } = this, C3 = 3 * C, q = b * T * C3 + h * hs, dy = b * T * C + h * hs;
      const S = this.ATT, s0 = this.attOffset(l, b, h, T), scale = 1 / Math.sqrt(hs);
      for (let i0 = 0; i0 < T; i0 += ROWS) {
        const rows = Math.min(ROWS, T - i0);
        arena.nt(DY, dy + i0 * C, C, qkv, q + 2 * C, C3, DP, i0 * T, T, rows, i0 + rows, hs);
      }
      for (let i = 0; i < T; i++) {
        const row = s0 + i * T, d = i * T;
        let inner = 0;
        for (let j = 0; j <= i; j++) inner += S[row + j] * DP[d + j];
        for (let j = 0; j <= i; j++) DP[d + j] = S[row + j] * (DP[d + j] - inner) * scale;  // DP now holds ds
        for (let j = i + 1; j < T; j++) DP[d + j] = 0;
      }
      for (let i0 = 0; i0 < T; i0 += ROWS) {
        const rows = Math.min(ROWS, T - i0), keys = T - i0;  // key rows i0.. get queries i0..T-1
        arena.nn(S, s0 + i0 * T + i0, 1, T, DY, dy + i0 * C, C, DQKV, q + 2 * C + i0 * C3, C3, rows, hs, keys);  // dv = p^T dy
        arena.nn(DP, i0 * T, T, 1, qkv, q + C, C3, DQKV, q + i0 * C3, C3, rows, hs, i0 + rows);  // dq = ds k
        arena.nn(DP, i0 * T + i0, 1, T, qkv, q + i0 * C3, C3, DQKV, q + C + i0 * C3, C3, rows, hs, keys);  // dk = ds^T q
      }
    }

    lossAndGrads(B, T) {
      const loss = this.forward(B, T, true);
      this.backward(B, T);
      return loss;
    }

    loss(B, T) {
      return this.forward(B, T, false);
    }

    // ---- one training step: status 0 applied, 1 loss not finite, 2 gradient norm not finite,
    // 3 the update would make a weight NaN or infinite (2 and 3 leave every weight as it was)
    step(B, T, lr) {
      const loss = this.lossAndGrads(B, T), G = this.G, clip = this.settings.clip;
      this.status = 0;
      if (!Number.isFinite(loss)) { this.status = 1; return loss; }
      let sq = 0;
      for (let i = 0; i < G.length; i++) sq += G[i] * G[i];
      const norm = this.norm = Math.sqrt(sq);
      if (clip > 0) {  // torch.nn.utils.clip_grad_norm_
        const coef = clip / (norm + 1e-6);
        if (coef < 1) for (let i = 0; i < G.length; i++) G[i] *= coef;
      }
      if (!Number.isFinite(norm)) { this.status = 2; return loss; }
      if (!this.adamw(lr)) { this.status = 3; return loss; }
      this.P.set(this.newP); this.m.set(this.newM); this.v.set(this.newV);
      this.stale = true;
      this.t += 1;
      return loss;
    }

    // torch.optim.AdamW (2-D weights decayed) into newP, newM, newV; false if a new weight is not finite
    adamw(lr) {
      const { beta1, beta2, eps, weightDecay } = this.settings, { P, G, m, v, newP, newM, newV } = this;
      const t = this.t + 1, stepSize = lr / (1 - beta1 ** t), rootBc2 = Math.sqrt(1 - beta2 ** t);
      const c1 = 1 - beta1, c2 = 1 - beta2;
      let finite = true;
      for (const [, offset, size, isMatrix] of this.tensors) {
        const keep = isMatrix ? 1 - lr * weightDecay : 1;
        for (let i = offset; i < offset + size; i++) {
          const g = G[i], mi = m[i] + c1 * (g - m[i]), vi = beta2 * v[i] + c2 * g * g;
          const p = P[i] * keep - stepSize * mi / (Math.sqrt(vi) / rootBc2 + eps);
          newM[i] = mi; newV[i] = vi; newP[i] = p;
          if (!Number.isFinite(p)) finite = false;
        }
      }
      return finite;
    }
  }

  return { layout, create: (...args) => new Session(...args) };
})
