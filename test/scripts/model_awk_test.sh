#!/bin/sh
# Tests scripts/lib/model.awk under every awk installed: the USL fit
# recovers σ and κ exactly where they are known and refuses too few points;
# N_max; linear interpolation; the cost model and its break-even size.
set -u
# shellcheck source=testlib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/testlib.sh"

# ev EXPRESSION: the value of an awk expression, model.awk loaded; the
# worker counts $NS become N[1..m] and C[i] the USL's capacity at N[i] for
# σ = $SIGMA, κ = $KAPPA (times 1 + $NOISE[i], when given).
ev() {
  t_awk_eval "$AWK" "stats model" "BEGIN {
    m = split(\"${NS:-}\", N, \" \"); split(\"${NOISE:-}\", e, \" \")
    for (i = 1; i <= m; i++) { N[i] += 0; C[i] = usl_capacity(N[i], ${SIGMA:-0}, ${KAPPA:-0}) * (1 + e[i]) }
    print $1 }" </dev/null
}

test_usl_fit() {
  NS="1 2 4 8" SIGMA=0.05 KAPPA=0.002
  t_eq "usl_fit: fits 4 points" 1 "$(ev 'usl_fit(N, C, m)')"
  t_close "usl_fit: σ recovered" 0.05 "$(ev 'usl_fit(N, C, m) ? sprintf("%.17g", USL_SIGMA) : ""')" 1e-9
  t_close "usl_fit: κ recovered" 0.002 "$(ev 'usl_fit(N, C, m) ? sprintf("%.17g", USL_KAPPA) : ""')" 1e-9
  t_eq "usl_fit: no error on exact data" "0.000000" "$(ev 'usl_fit(N, C, m) ? sprintf("%.6f", USL_RMS) : ""')"
  t_close "usl_nmax = √((1 − σ)/κ)" 21.794494717703369 "$(ev 'sprintf("%.17g", usl_nmax(0.05, 0.002))')" 1e-12
  NS="1 2 3" SIGMA=0.2 KAPPA=0
  t_close "usl_fit: Amdahl's law, σ recovered from 3 points" 0.2 "$(ev 'usl_fit(N, C, m) ? sprintf("%.17g", USL_SIGMA) : ""')" 1e-9
  t_close "usl_fit: Amdahl's σ alone" 0.2 "$(ev 'usl_fit(N, C, m) ? sprintf("%.17g", AMDAHL_SIGMA) : ""')" 1e-9
  t_eq "usl_nmax: none when κ = 0" "" "$(ev 'usl_nmax(0.2, 0)')"
  NS="1 2 4 8" SIGMA=0.05 KAPPA=0.002 NOISE="0 0.02 -0.02 0.01"
  t_eq "usl_fit: noisy data has an error" 1 "$(ev '(usl_fit(N, C, m) && USL_RMS > 0.001 && USL_RMS < 0.05)')"
  NOISE=""
  NS="1 2" SIGMA=0.05 KAPPA=0.002
  t_eq "usl_fit: refuses 2 points" "0 ''" "$(ev 'usl_fit(N, C, m) " \047" USL_SIGMA "\047"')"
  NS="2 2 2"
  t_eq "usl_fit: refuses one worker count three times" 0 "$(ev 'usl_fit(N, C, m)')"
  NS="1 1 4"
  t_eq "usl_fit: refuses a single N > 1" 0 "$(ev 'usl_fit(N, C, m)')"
  NS="" SIGMA="" KAPPA=""
}

test_interp() {
  t_eq "interp_linear: between points" 5.5 "$(ev 'interp_linear(X, Y, split("1 10", X, " ") + 0 * split("1 10", Y, " "), 5.5)')"
  t_eq "interp_linear: extended beyond" 20 "$(ev 'interp_linear(X, Y, split("1 10", X, " ") + 0 * split("2 11", Y, " "), 19)')"
  t_eq "interp_linear: one point" 7 "$(ev 'interp_linear(X, Y, split("4", X, " ") + 0 * split("7", Y, " "), 19)')"
  t_eq "interp_linear: none" -1 "$(ev 'interp_linear(X, Y, 0, 3)')"
}

test_cost_model() {
  t_eq "default_chunk: floor(tasks / 4n), at least 1" "1 1 125 250" \
    "$(ev 'default_chunk(10, 2) " " default_chunk(3, 8) " " default_chunk(1000, 2) " " default_chunk(1000, 1)')"
  # 10 tasks of 1 ms on 2 workers that reach 2×: 5 ms, plus 1 ms of start-up
  # and 10 chunks of 0.1 ms.
  t_eq "model_time: work ÷ n_eff + start-up + dispatch × chunks" 7000000 \
    "$(ev 'model_time(1e6, 10, 2, 2, 1, 1e6, 1e5)')"
  t_eq "model_time: the busiest worker bounds the work (10 tasks on 4)" 3000000 \
    "$(ev 'model_time(1e6, 10, 4, 4, 1, 0, 0)')"
  t_eq "model_time: the ceiling bounds it (10 tasks on 8, 2 effective)" 5000000 \
    "$(ev 'model_time(1e6, 10, 8, 2, 1, 0, 0)')"
  # 10 s = 5 s + 1e6 + 10 × 1e5  →  s = 2e6 / 5 = 400 µs.
  t_eq "model_break_even: where parallel time = Sequential time" 400000 \
    "$(ev 'model_break_even(10, 2, 2, 1, 1e6, 1e5)')"
  t_eq "model_break_even: never with one effective worker" -1 "$(ev 'model_break_even(10, 2, 1, 1, 1e6, 0)')"
  t_eq "model_dominant: start-up" "start-up" "$(ev 'model_dominant(1e6, 10, 2, 2, 1, 1e6, 1e3)')"
  t_eq "model_dominant: dispatch" "dispatch per chunk" "$(ev 'model_dominant(1e6, 10, 2, 2, 1, 0, 1e5)')"
  t_eq "model_dominant: the ceiling" "the machine's ceiling" "$(ev 'model_dominant(1e6, 10, 8, 2, 1, 1e3, 1e3)')"
  t_eq "model_dominant: uneven rounds (10 tasks on 8 workers, 8 effective)" "uneven rounds" \
    "$(ev 'model_dominant(1e6, 10, 8, 8, 1, 1e3, 1e3)')"
}

main() {
  for AWK in $(t_awks); do
    printf '%s\n' "-- $AWK"
    test_usl_fit
    test_interp
    test_cost_model
  done
  t_finish
}

main "$@" || exit 1
