// lmdocs.transformer's JavaScript kernel, part 1: the operations (jskernel.py loads this file, then
// kernel.js, which trains the GPT with them). Each is a port of a pure-Python function of
// lmdocs/transformer (ops.py, attention.py, backward.py), which stay the documented reference;
// tests/pyodide/test_transformer_kernel.py checks that both compute the same numbers.
//
// Every array is a Float64Array inside one Arena (a WebAssembly memory, or a plain ArrayBuffer
// when WebAssembly SIMD is missing), matrices row-major. Matrix products go through the
// WebAssembly kernels of matmul.wat (`nt` and `nn`) or their JavaScript twins, which add in the
// same order, so both give the same bits. Evaluating this file gives a function: wasmBase64 -> the operations.
((wasmBase64) => {
  "use strict";
  const INV_SQRT2 = Math.SQRT1_2, INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

  // ---- memory and the matrix products ----------------------------------------------------------
  let wasmModule;  // compiled once; null when this JavaScript engine has no WebAssembly SIMD
  function compiled() {
    if (wasmModule === undefined) {
      const bytes = Uint8Array.from(atob(wasmBase64), (c) => c.charCodeAt(0));
      wasmModule = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    }
    return wasmModule;
  }

  // The JavaScript twins of matmul.wat's two products, on element indices into one Float64Array F.
  // nt: C[i, j] (+)= sum_k A[i, k] * B[j, k], summed as the two SIMD lanes (even k, odd k), then the odd tail
  function ntJs(F, a, lda, b, ldb, c, ldc, M, N, K, acc) {
    for (let i = 0; i < M; i++) {
      const ai = a + i * lda, ci = c + i * ldc;
      for (let j = 0; j < N; j++) {
        const bj = b + j * ldb;
        let even = 0, odd = 0, k = 0;
        for (; k + 1 < K; k += 2) { even += F[ai + k] * F[bj + k]; odd += F[ai + k + 1] * F[bj + k + 1]; }
        let s = even + odd;
        if (k < K) s += F[ai + k] * F[bj + k];
        F[ci + j] = acc ? F[ci + j] + s : s;
      }
    }
  }

  // nn: C[i, j] (+)= sum_k A[i, k] * B[k, j], A's element (i, k) at a + i * ars + k * acs, summed in k order
  function nnJs(F, a, ars, acs, b, ldb, c, ldc, M, N, K, acc) {
    for (let i = 0; i < M; i++) {
      const ai = a + i * ars, ci = c + i * ldc;
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += F[ai + k * acs] * F[b + k * ldb + j];
        F[ci + j] = acc ? F[ci + j] + s : s;
      }
    }
  }

  class Arena {  // every array of a session, allocated once (a WebAssembly memory must not grow under its views)
    constructor(doubles, matmul) {
      const bytes = 16 * Math.ceil(doubles / 2) + 16 * 64;
      const module = matmul === "wasm" ? compiled() : null;
      if (matmul === "wasm" && !module) throw new Error("this browser has no WebAssembly SIMD; use matmul 'js'");
      if (module) {
        const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
        const kernels = new WebAssembly.Instance(module, { env: { memory } }).exports;
        this.buffer = memory.buffer;
        this.ntRaw = (a, lda, b, ldb, c, ldc, M, N, K, acc) => kernels.nt(a * 8, lda, b * 8, ldb, c * 8, ldc, M, N, K, acc);
        this.nnRaw = (a, ars, acs, b, ldb, c, ldc, M, N, K, acc) =>
          kernels.nn(a * 8, ars, acs, b * 8, ldb, c * 8, ldc, M, N, K, acc);
      } else {
        this.buffer = new ArrayBuffer(bytes);
        const F = new Float64Array(this.buffer);
        this.ntRaw = (...args) => ntJs(F, ...args);
        this.nnRaw = (...args) => nnJs(F, ...args);
      }
      this.matmul = module ? "wasm" : "js";
      this.used = 0;
    }
    take(n) {  // a Float64Array of n zeros, 16-byte aligned (for the SIMD loads)
      const view = new Float64Array(this.buffer, this.used, n);
      this.used += 16 * Math.ceil(n / 2);
      return view;
    }
    // C (M x N) (+)= A (M x K) B^T with B (N x K): A from element aOff of view A, row stride lda, and so on
    nt(A, aOff, lda, B, bOff, ldb, C, cOff, ldc, M, N, K, acc = 0) {
      this.ntRaw((A.byteOffset >> 3) + aOff, lda, (B.byteOffset >> 3) + bOff, ldb,
                 (C.byteOffset >> 3) + cOff, ldc, M, N, K, acc);
    }
    // C (M x N) (+)= A (M x K) B with B (K x N); A's (i, k) at aOff + i * ars + k * acs, so that
    // ars = 1, acs = its row length reads a row-major matrix transposed
    nn(A, aOff, ars, acs, B, bOff, ldb, C, cOff, ldc, M, N, K, acc = 0) {
      this.nnRaw((A.byteOffset >> 3) + aOff, ars, acs, (B.byteOffset >> 3) + bOff, ldb,
                 (C.byteOffset >> 3) + cOff, ldc, M, N, K, acc);
    }
  }

  // ---- element-wise operations ---------------------------------------------------------------
  // exp(x) by fdlibm's e_exp.c (the algorithm of V8's Math.exp, < 1 ulp; the copyright notice
  // below covers it too), written out in JavaScript: Math.exp is a call out of the compiled loop
  // (about 11 ns a value here, 8 for this one), and a step takes about 400,000 exponentials
  // (softmax, cross-entropy, GELU). x = k ln2 + r with |r| <= ln2 / 2 (ln2 in two parts, so that
  // k * LN2_HI is exact), exp(r) = 1 + r + r c / (2 - c) with c = r - r^2 (P1 + r^2 (P2 + ...)),
  // then the exact scaling by 2^k from a table.
  const LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
  const INV_LN2 = 1.44269504088896338700e+00;
  const P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
    P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08;
  const EXP_MAX = 7.09782712893383973096e+02, EXP_MIN = -7.45133219101941108420e+02;
  const POW2 = new Float64Array(2100);  // POW2[k + 1074] = 2^k, k = -1074 .. 1023 (exact)
  for (let k = -1074; k <= 1023; k++) POW2[k + 1074] = 2 ** k;

  function exp(x) {
    if (!(x >= EXP_MIN && x <= EXP_MAX)) return expEdge(x);
    const k = Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));  // round(x / ln2), halves away from 0
    const hi = x - k * LN2_HI, lo = k * LN2_LO, r = hi - lo, t = r * r;
    const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    const y = 1 - ((lo - (r * c) / (2 - c)) - hi);  // exp(x) / 2^k (k = 0: fdlibm's 1 - (r c / (c - 2) - r))
    return k > -1022 && k < 1024 ? y * POW2[k + 1074] : expScaled(y, k);
  }

  function expEdge(x) {  // outside [EXP_MIN, EXP_MAX]: 0, Infinity or NaN
    return x < EXP_MIN ? 0 : x + Infinity;
  }

  function expScaled(y, k) {  // y 2^k for k = -1075 .. -1022 (a subnormal result) and 1024, rounded once
    return k > 0 ? y * 2 * POW2[k - 1 + 1074] : y * 2 ** -54 * POW2[k + 54 + 1074];
  }

  // erf from fdlibm's s_erf.c (the C library's erf, also Pyodide's math.erf), to about 1 ulp.
  // JavaScript has no Math.erf, and the exact GELU of torch and of ops.py needs it:
  // ====================================================
  // Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
  // Developed at SunPro, a Sun Microsystems, Inc. business.
  // Permission to use, copy, modify, and distribute this
  // software is freely granted, provided that this notice
  // is preserved.
  // ====================================================
  const ERX = 8.45062911510467529297e-01, EFX = 1.28379167095512586316e-01;

  // X[i] = erf(X[i]) for i < n: one loop with the formulas inline (a function that returns one
  // float per element would box every result on the heap)
  function erfInPlace(X, n) {
    for (let i = 0; i < n; i++) {
      const x = X[i], ax = Math.abs(x);
      if (ax < 0.84375) {
        if (ax < 3.725290298461914e-09) { X[i] = x + EFX * x; continue; }  // |x| < 2^-28
        const z = x * x;
        const r = 1.28379167095512558561e-01 + z * (-3.25042107247001499370e-01 + z * (-2.84817495755985104766e-02 +
          z * (-5.77027029648944159157e-03 + z * -2.37630166566501626084e-05)));
        const s = 1 + z * (3.97917223959155352819e-01 + z * (6.50222499887672944485e-02 + z * (5.08130628187576562776e-03 +
          z * (1.32494738004321644526e-04 + z * -3.96022827877536812320e-06))));
        X[i] = x + x * (r / s);
      } else if (ax < 1.25) {
        const s = ax - 1;
        const P = -2.36211856075265944077e-03 + s * (4.14856118683748331666e-01 + s * (-3.72207876035701323847e-01 +
          s * (3.18346619901161753674e-01 + s * (-1.10894694282396677476e-01 + s * (3.54783043256182359371e-02 +
          s * -2.16637559486879084300e-03)))));
        const Q = 1 + s * (1.06420880400844228286e-01 + s * (5.40397917702171048937e-01 + s * (7.18286544141962662868e-02 +
          s * (1.26171219808761642112e-01 + s * (1.36370839120290507362e-02 + s * 1.19844998467991074170e-02)))));
        X[i] = x >= 0 ? ERX + P / Q : -ERX - P / Q;
      } else if (ax < 6) {
        const s = 1 / (ax * ax);
        let R, S;
        if (ax < 1 / 0.35) {
          R = -9.86494403484714822705e-03 + s * (-6.93858572707181764372e-01 + s * (-1.05586262253232909814e+01 +
            s * (-6.23753324503260060396e+01 + s * (-1.62396669462573470355e+02 + s * (-1.84605092906711035994e+02 +
            s * (-8.12874355063065934246e+01 + s * -9.81432934416914548592e+00))))));
          S = 1 + s * (1.96512716674392571292e+01 + s * (1.37657754143519042600e+02 + s * (4.34565877475229228821e+02 +
            s * (6.45387271733267880336e+02 + s * (4.29008140027567833386e+02 + s * (1.08635005541779435134e+02 +
            s * (6.57024977031928170135e+00 + s * -6.04244152148580987438e-02)))))));
        } else {
          R = -9.86494292470009928597e-03 + s * (-7.99283237680523006574e-01 + s * (-1.77579549177547519889e+01 +
            s * (-1.60636384855821916062e+02 + s * (-6.37566443368389627722e+02 + s * (-1.02509513161107724954e+03 +
            s * -4.83519191608651397019e+02)))));
          S = 1 + s * (3.03380607434824582924e+01 + s * (3.25792512996573918826e+02 + s * (1.53672958608443695994e+03 +
            s * (3.19985821950859553908e+03 + s * (2.55305040643316442583e+03 + s * (4.74528541206955367215e+02 +
            s * -2.24409524465858183362e+01))))));
        }
        const z = Math.fround(ax);  // -x*x = -z*z + (z - x)(z + x), with z*z exact
        const r = exp(-z * z - 0.5625) * exp((z - ax) * (z + ax) + R / S);
        X[i] = x >= 0 ? 1 - r / ax : r / ax - 1;
      } else {  // |x| >= 6: erf is +-1 to double precision; NaN stays NaN
        X[i] = Number.isNaN(x) ? x : Math.sign(x);
      }
    }
  }

  function erf(x) {  // one value (for checks)
    const X = new Float64Array([x]);
    erfInPlace(X, 1);
    return X[0];
  }

  // GELU(f) = f * Phi(f), Phi(f) = (1 + erf(f / sqrt 2)) / 2, into OUT. With DER, it also keeps the
  // derivative GELU'(f) = Phi(f) + f * phi(f) for the backward pass (phi: the normal density).
  function geluForward(F, OUT, n, DER) {
    for (let i = 0; i < n; i++) OUT[i] = F[i] * INV_SQRT2;
    erfInPlace(OUT, n);
    for (let i = 0; i < n; i++) {
      const v = F[i], e = OUT[i];
      OUT[i] = 0.5 * v * (1 + e);
      if (DER) DER[i] = 0.5 * (1 + e) + v * INV_SQRT_2PI * exp(-0.5 * v * v);
    }
  }

  // y = (x - mean) * rstd * w + b, row by row (C columns); keeps xhat and rstd for the backward pass
  function layerNormForward(X, rows, C, P, w, b, XH, RS, Y) {
    for (let r = 0; r < rows; r++) {
      const o = r * C;
      let sum = 0;
      for (let c = 0; c < C; c++) sum += X[o + c];
      const mean = sum / C;
      let sq = 0;
      for (let c = 0; c < C; c++) { const d = X[o + c] - mean; sq += d * d; }
      const rstd = 1 / Math.sqrt(sq / C + 1e-5);
      RS[r] = rstd;
      for (let c = 0; c < C; c++) {
        const xh = (X[o + c] - mean) * rstd;
        XH[o + c] = xh;
        Y[o + c] = b < 0 ? xh * P[w + c] : xh * P[w + c] + P[b + c];
      }
    }
  }

  // DX += rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)), dxhat = dY * w;
  // G[gw] += dY * xhat, G[gb] += dY
  function layerNormBackward(DY, XH, RS, rows, C, P, w, G, gw, gb, DX) {
    for (let r = 0; r < rows; r++) {
      const o = r * C, rstd = RS[r];
      let sumD = 0, sumDX = 0;
      for (let c = 0; c < C; c++) { const d = DY[o + c] * P[w + c]; sumD += d; sumDX += d * XH[o + c]; }
      const meanD = sumD / C, meanDX = sumDX / C;
      for (let c = 0; c < C; c++) {
        const g = DY[o + c], xh = XH[o + c];
        DX[o + c] += rstd * (g * P[w + c] - meanD - xh * meanDX);
        G[gw + c] += g * xh;
        if (gb >= 0) G[gb + c] += g;
      }
    }
  }

  // Sum over rows of -log softmax(L[r])[y_r] (y = -1: not counted); with grad, L becomes
  // scale * (softmax - onehot(y)) in place (0 for an ignored row).
  function crossEntropy(L, rows, V, targets, scale, grad) {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * V, y = targets[r];
      if (y === -1) { if (grad) L.fill(0, o, o + V); continue; }
      let top = L[o];  // Python's max(): a NaN in front stays, so the loss is NaN in both
      for (let k = 1; k < V; k++) if (L[o + k] > top) top = L[o + k];
      const ly = L[o + y];
      let norm = 0;
      for (let k = 0; k < V; k++) norm += exp(L[o + k] - top);
      total += Math.log(norm) + top - ly;
      if (!grad) continue;
      for (let k = 0; k < V; k++) L[o + k] = exp(L[o + k] - top) * scale / norm;
      L[o + y] -= scale;
    }
    return total;
  }

  return { Arena, erf, exp, geluForward, layerNormForward, layerNormBackward, crossEntropy };
})
