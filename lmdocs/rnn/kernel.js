// lmdocs.rnn's JavaScript kernel: one training window (forward, loss, backward through time,
// clipping, Adam or Adagrad) in one call, for Pyodide (lmdocs/rnn/jskernel.py loads this file).
//
// It is a line-by-line port of the pure-Python reference (rnn_cell.py, lstm.py, model.py,
// optim.py), which stays the documented version; tests/pyodide/test_rnn_jskernel.py checks that both
// train the same model. Weights, gradients and optimizer moments live in Float64Arrays, one flat
// array each, parameters back to back in the order of LAYOUT, each matrix row after row.
// Each cell has a forward step and a backward pass; the rest (softmax loss, weight gradients,
// clipping, optimizers) is shared. Not handled: the `record` of vanishing.py, other optimizers.
(() => {
  "use strict";
  const GATES = { rnn: 1, lstm: 4, gru: 3, mingru: 2 };  // gate blocks of H stacked in Wx
  const LAYOUT = {  // [name, rows, cols] with V the vocabulary, H the hidden size, G = gates * H
    rnn: [["Wx", "V", "G"], ["Wh", "G", "H"], ["b", 1, "G"]],
    lstm: [["Wx", "V", "G"], ["Wh", "G", "H"], ["b", 1, "G"]],
    gru: [["Wx", "V", "G"], ["Wh", "G", "H"], ["bx", 1, "G"], ["bh", 1, "G"]],
    mingru: [["Wx", "V", "G"], ["b", 1, "G"]],
  };
  const OUTPUT = [["Wy", "V", "H"], ["by", 1, "V"]];
  const sigmoid = (v) => 0.5 + 0.5 * Math.tanh(0.5 * v);  // as linalg.sigmoid: never overflows

  function layout(kind, V, H) {  // offsets of the parameters in the flat arrays
    const dims = { V, H, G: GATES[kind] * H, 1: 1 }, off = {};
    let size = 0;
    for (const [name, rows, cols] of LAYOUT[kind].concat(OUTPUT)) {
      off[name] = size;
      size += dims[rows] * dims[cols];
    }
    return { off, size };
  }

  class Session {
    constructor(kind, V, H, ids) {
      if (!(kind in LAYOUT)) throw new Error("no JavaScript kernel for cell " + kind);
      Object.assign(this, { kind, V, H, ids, G: GATES[kind] * H }, layout(kind, V, H));
      this.step = { rnn: this.rnnStep, lstm: this.lstmStep, gru: this.gruStep, mingru: this.minStep }[kind];
      this.backward = { rnn: this.rnnBackward, lstm: this.lstmBackward, gru: this.gruBackward,
                        mingru: this.minBackward }[kind];
      for (const k of ["P", "grad", "m", "v", "newP", "newM", "newV"]) this[k] = new Float64Array(this.size);
      this.state = new Float64Array(kind === "lstm" ? 2 * H : H);  // h, then c
      this.t = 0;
      this.status = 0;  // 0 ok, 1 loss not finite, 2 gradient norm not finite, 3 update not finite
      this.norm = 0;
      this.T = 0;
    }

    ensure(T) {  // per-window buffers, grown to T steps
      if (T <= this.T) return;
      const { H, V, G } = this;
      this.T = T;
      this.hs = new Float64Array((T + 1) * H);  // h_0 .. h_T
      this.dls = new Float64Array(T * V);
      this.das = new Float64Array(T * G);  // gradient of the gates' pre-activations (Wh's side)
      this.daxs = this.kind === "gru" ? new Float64Array(T * G) : this.das;  // (Wx's side)
      this.gates = new Float64Array(T * G);  // the gates after their nonlinearity
      this.cs = new Float64Array((T + 1) * H);  // lstm: c_0 .. c_T; gru: W_hn h + b_hn
      this.tcs = new Float64Array(T * H);  // lstm: tanh(c_t)
      this.dh = new Float64Array(H);
      this.dc = new Float64Array(H);
      this.logits = new Float64Array(V);
    }

    // Forward over ids[pos .. pos+T), loss against ids[pos+1 .. pos+T], backward, optimizer step.
    trainWindow(pos, T, opt) {
      this.ensure(T);
      const loss = this.lossAndGrads(pos, T);
      this.status = 0;
      if (!Number.isFinite(loss)) { this.status = 1; return loss; }
      this.norm = this.clip(opt.clip);
      if (!Number.isFinite(this.norm)) { this.status = 2; return loss; }
      if (!(opt.name === "adam" ? this.adam(opt) : this.adagrad(opt))) { this.status = 3; return loss; }
      const { H } = this, T0 = T * H;  // carry the final state to the next window
      this.state.set(this.hs.subarray(T0, T0 + H), 0);
      if (this.kind === "lstm") this.state.set(this.cs.subarray(T0, T0 + H), H);
      return loss;
    }

    lossAndGrads(pos, T) {
      const { H, V, G, P, off, hs, dls, das, ids, grad } = this;
      hs.set(this.state.subarray(0, H), 0);
      if (this.kind === "lstm") this.cs.set(this.state.subarray(H, 2 * H), 0);
      for (let t = 0; t < T; t++) this.step(ids[pos + t], t);
      // logits_t = Wy h_t + by ; loss_t = log sum exp(logits) - logits[y] ; dlogits = (softmax - onehot(y)) / T
      const Wy = off.Wy, by = off.by, logits = this.logits, scale = 1.0 / T;
      let total = 0.0;
      for (let t = 0; t < T; t++) {
        const h = (t + 1) * H, y = ids[pos + t + 1];
        for (let k = 0; k < V; k++) {
          let s = 0.0;
          const row = Wy + k * H;
          for (let j = 0; j < H; j++) s += P[row + j] * hs[h + j];
          logits[k] = s + P[by + k];
        }
        let m = logits[0];  // Python's max(): a NaN in front stays (the loss is then NaN in both)
        for (let k = 1; k < V; k++) if (logits[k] > m) m = logits[k];
        let sum = 0.0;
        for (let k = 0; k < V; k++) { const e = Math.exp(logits[k] - m); dls[t * V + k] = e; sum += e; }
        total += Math.log(sum) + m - logits[y];
        const inv = scale / sum;
        for (let k = 0; k < V; k++) dls[t * V + k] *= inv;
        dls[t * V + y] -= scale;
      }
      grad.fill(0.0);
      this.backward(T);
      // a_t = Wx[x_t] + Wh h_{t-1} + b  ->  dWx[x_t] += da_t, dWh += da_t h_{t-1}^T, db += da_t
      // (gru: bx gets the Wx side, bh the Wh side; mingru has no Wh)
      // logits_t = Wy h_t + by  ->  dWy += dl_t h_t^T, dby += dl_t
      const daxs = this.daxs, bx = this.kind === "gru" ? off.bx : off.b, bh = off.bh, Wh = off.Wh;
      for (let t = 0; t < T; t++) {
        const x = ids[pos + t], da = t * G, hp = t * H, h = (t + 1) * H;
        for (let i = 0; i < G; i++) {
          grad[off.Wx + x * G + i] += daxs[da + i];
          grad[bx + i] += daxs[da + i];
          if (Wh === undefined) continue;
          const d = das[da + i], row = Wh + i * H;
          if (bh !== undefined) grad[bh + i] += d;
          for (let j = 0; j < H; j++) grad[row + j] += d * hs[hp + j];
        }
        for (let k = 0; k < V; k++) {
          const d = dls[t * V + k];
          grad[by + k] += d;
          const row = Wy + k * H;
          for (let j = 0; j < H; j++) grad[row + j] += d * hs[h + j];
        }
      }
      return total * scale;
    }

    // dh = Wy^T dl_t + Wh^T da_{t+1}: rows of Wy and Wh scaled and added (no transpose needed)
    backInto(dh, t, daNext) {
      const { H, V, G, P, off, dls, das } = this;
      dh.fill(0.0);
      for (let k = 0; k < V; k++) {
        const d = dls[t * V + k], row = off.Wy + k * H;
        for (let j = 0; j < H; j++) dh[j] += P[row + j] * d;
      }
      if (daNext < 0 || off.Wh === undefined) return;
      for (let i = 0; i < G; i++) {
        const d = das[daNext + i], row = off.Wh + i * H;
        for (let j = 0; j < H; j++) dh[j] += P[row + j] * d;
      }
    }

    rnnStep(x, t) {  // z = Wh h + b + Wx[x] ;  h' = tanh(z)
      const { H, P, off, hs } = this, h = t * H, out = (t + 1) * H;
      for (let i = 0; i < H; i++) {
        let s = 0.0;
        const row = off.Wh + i * H;
        for (let j = 0; j < H; j++) s += P[row + j] * hs[h + j];
        hs[out + i] = Math.tanh(s + P[off.b + i] + P[off.Wx + x * H + i]);
      }
    }

    rnnBackward(T) {
      const { H, hs, das, dh } = this;
      for (let t = T - 1; t >= 0; t--) {
        this.backInto(dh, t, t + 1 < T ? (t + 1) * H : -1);
        const h = (t + 1) * H;  // h_t = tanh(z_t)  ->  dz_t = dh_t (1 - h_t^2)
        for (let i = 0; i < H; i++) das[t * H + i] = dh[i] * (1.0 - hs[h + i] * hs[h + i]);
      }
    }

    lstmStep(x, t) {
      const { H, G, P, off, hs, cs, gates, tcs } = this, h = t * H, out = (t + 1) * H, g0 = t * G;
      for (let r = 0; r < G; r++) {  // a = Wh h + b + Wx[x]
        let s = 0.0;
        const row = off.Wh + r * H;
        for (let j = 0; j < H; j++) s += P[row + j] * hs[h + j];
        const a = s + P[off.b + r] + P[off.Wx + x * G + r];
        gates[g0 + r] = (r >= 2 * H && r < 3 * H) ? Math.tanh(a) : sigmoid(a);  // i, f, o sigmoid; g tanh
      }
      for (let j = 0; j < H; j++) {  // c' = f c + i g ;  h' = o tanh(c')
        const i = gates[g0 + j], f = gates[g0 + H + j], g = gates[g0 + 2 * H + j], o = gates[g0 + 3 * H + j];
        const c = f * cs[h + j] + i * g, tc = Math.tanh(c);
        cs[out + j] = c;
        tcs[t * H + j] = tc;
        hs[out + j] = o * tc;
      }
    }

    lstmBackward(T) {
      const { H, G, gates, cs, tcs, das, dh, dc } = this;
      dc.fill(0.0);  // dc_{t+1} f_{t+1}, carried back
      for (let t = T - 1; t >= 0; t--) {
        this.backInto(dh, t, t + 1 < T ? (t + 1) * G : -1);
        const g0 = t * G, da = t * G;
        for (let j = 0; j < H; j++) {
          const i = gates[g0 + j], f = gates[g0 + H + j], g = gates[g0 + 2 * H + j], o = gates[g0 + 3 * H + j];
          const tc = tcs[t * H + j], cp = cs[t * H + j], d = dh[j];
          const dcj = dc[j] + d * o * (1.0 - tc * tc);  // h' = o tanh(c')
          das[da + j] = dcj * g * i * (1.0 - i);  // c' = f c + i g, sigmoid' = s (1 - s), tanh' = 1 - g^2
          das[da + H + j] = dcj * cp * f * (1.0 - f);
          das[da + 2 * H + j] = dcj * i * (1.0 - g * g);
          das[da + 3 * H + j] = d * tc * o * (1.0 - o);
          dc[j] = dcj * f;
        }
      }
    }

    gruStep(x, t) {  // torch.nn.GRU, as gru.py
      const { H, G, P, off, hs, gates, cs } = this, h = t * H, out = (t + 1) * H, g0 = t * G;
      for (let r = 0; r < G; r++) {
        let s = 0.0;  // ah = Wh h + bh ;  ax = Wx[x] + bx
        const row = off.Wh + r * H;
        for (let j = 0; j < H; j++) s += P[row + j] * hs[h + j];
        const ah = s + P[off.bh + r], ax = P[off.Wx + x * G + r] + P[off.bx + r];
        if (r < 2 * H) gates[g0 + r] = sigmoid(ax + ah);  // r, z = sigmoid(ax + ah)
        else { cs[t * H + r - 2 * H] = ah; gates[g0 + r] = ax; }  // n waits for r
      }
      for (let j = 0; j < H; j++) {  // n = tanh(ax_n + r ah_n) ;  h' = (1 - z) n + z h
        const r = gates[g0 + j], z = gates[g0 + H + j];
        const n = Math.tanh(gates[g0 + 2 * H + j] + r * cs[t * H + j]);
        gates[g0 + 2 * H + j] = n;
        hs[out + j] = n + z * (hs[h + j] - n);
      }
    }

    gruBackward(T) {
      const { H, G, hs, gates, cs, das, daxs, dh, dc } = this;
      dc.fill(0.0);  // the direct path dh_{t+1} z_{t+1}
      for (let t = T - 1; t >= 0; t--) {
        this.backInto(dh, t, t + 1 < T ? (t + 1) * G : -1);
        const g0 = t * G;
        for (let j = 0; j < H; j++) {
          const r = gates[g0 + j], z = gates[g0 + H + j], n = gates[g0 + 2 * H + j], d = dh[j] + dc[j];
          const dan = d * (1.0 - z) * (1.0 - n * n), dar = dan * cs[t * H + j] * r * (1.0 - r);
          const daz = d * (hs[t * H + j] - n) * z * (1.0 - z);
          daxs[g0 + j] = das[g0 + j] = dar;
          daxs[g0 + H + j] = das[g0 + H + j] = daz;
          daxs[g0 + 2 * H + j] = dan;
          das[g0 + 2 * H + j] = dan * r;
          dc[j] = d * z;
        }
      }
    }

    minStep(x, t) {  // minGRU, as mingru.py: a = Wx[x] + b ; z = sigmoid(a_z) ; h' = (1 - z) h + z h~
      const { H, G, P, off, hs, gates } = this, h = t * H, out = (t + 1) * H, g0 = t * G;
      for (let j = 0; j < H; j++) {
        const z = sigmoid(P[off.Wx + x * G + j] + P[off.b + j]), ht = P[off.Wx + x * G + H + j] + P[off.b + H + j];
        gates[g0 + j] = z;
        gates[g0 + H + j] = ht;
        hs[out + j] = hs[h + j] + z * (ht - hs[h + j]);
      }
    }

    minBackward(T) {
      const { H, G, hs, gates, das, dh, dc } = this;
      dc.fill(0.0);  // dh_{t+1} (1 - z_{t+1})
      for (let t = T - 1; t >= 0; t--) {
        this.backInto(dh, t, -1);
        const g0 = t * G;
        for (let j = 0; j < H; j++) {
          const z = gates[g0 + j], ht = gates[g0 + H + j], d = dh[j] + dc[j];
          das[g0 + j] = d * (ht - hs[t * H + j]) * z * (1.0 - z);
          das[g0 + H + j] = d * z;
          dc[j] = d * (1.0 - z);
        }
      }
    }

    clip(maxNorm) {  // as optim.clip_grad_norm; returns the norm before clipping
      const grad = this.grad;
      let sq = 0.0;
      for (let k = 0; k < grad.length; k++) sq += grad[k] * grad[k];
      const total = Math.sqrt(sq);
      if (maxNorm > 0 && Number.isFinite(total)) {
        const coef = maxNorm / (total + 1e-6);
        if (coef < 1.0) for (let k = 0; k < grad.length; k++) grad[k] *= coef;
      }
      return total;
    }

    commit() {  // keep the new arrays only if every weight is finite (optim._commit)
      const p = this.newP;
      for (let k = 0; k < p.length; k++) if (!Number.isFinite(p[k])) return false;
      [this.P, this.newP] = [this.newP, this.P];
      [this.m, this.newM] = [this.newM, this.m];
      [this.v, this.newV] = [this.newV, this.v];
      return true;
    }

    adam({ lr, beta1: b1, beta2: b2, eps }) {  // as optim.Adam.step
      this.t += 1;
      const rootBc2 = Math.sqrt(1.0 - b2 ** this.t), a = lr * rootBc2 / (1.0 - b1 ** this.t);
      const e = eps * rootBc2, c1 = 1.0 - b1, c2 = 1.0 - b2;
      const { P, grad, m, v, newP, newM, newV } = this;
      for (let k = 0; k < P.length; k++) {
        const g = grad[k], mk = b1 * m[k] + c1 * g, vk = b2 * v[k] + c2 * g * g;
        newM[k] = mk; newV[k] = vk;
        newP[k] = P[k] - a * mk / (Math.sqrt(vk) + e);
      }
      if (this.commit()) return true;
      this.t -= 1;
      return false;
    }

    adagrad({ lr, eps }) {  // as optim.Adagrad.step; the sum of squares lives in m
      const { P, grad, m, newP, newM, newV, v } = this;
      for (let k = 0; k < P.length; k++) {
        const g = grad[k], s = m[k] + g * g;
        newM[k] = s; newV[k] = v[k];
        newP[k] = P[k] - lr * g / (Math.sqrt(s) + eps);
      }
      return this.commit();
    }
  }

  return {
    version: 1,
    cells: Object.keys(LAYOUT),
    names: (kind) => LAYOUT[kind].concat(OUTPUT).map(([name]) => name),
    create: (kind, V, H, ids) => new Session(kind, V, H, ids),
  };
})()
