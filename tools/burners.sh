# Sourced, not run: CPU burners that load the machine while a measurement runs (.ci/run, tools/*-under-load scripts).
#   start_burners N   starts N busy-looping subshells (their PIDs in BURNER_PIDS)
#   stop_burners      kills and reaps them; safe to call twice (also from an EXIT trap)
BURNER_PIDS=()

start_burners() {
  local count=$1
  for _ in $(seq 1 "$count"); do (while :; do :; done) & BURNER_PIDS+=($!); done
}

stop_burners() {
  if [[ ${#BURNER_PIDS[@]} -gt 0 ]]; then
    kill "${BURNER_PIDS[@]}" 2>/dev/null || true
    wait "${BURNER_PIDS[@]}" 2>/dev/null || true
  fi
  BURNER_PIDS=()
}
