# bash completion for dubanctl(1), the control client of duband.
#
# Installed as share/bash-completion/completions/dubanctl (loaded on first use by the
# bash-completion package). Commands, subcommands, options and the values of enumerated
# options come from the tables below, which tests/e2e/test_completion.py compares with
# `dubanctl --help` and each command's --help, so they cannot drift apart. File arguments
# complete file names. Nothing here contacts the daemon: completion stays instant and works
# without a running duband or access to its socket.

# Top-level commands, in the order of `dubanctl --help`.
_dubanctl_commands="status plan tasks task agencies agency feedback calendar outbox notify
simulate rules reload log report export backup metrics log-level target"

# Options shared by every command.
_dubanctl_global_opts="--socket --json --timeout --help"

# Subcommands of a command ("" when none). `task REF due|...` and `feedback REF` take a
# task reference first; `task` and `feedback` subcommands are offered after it.
_dubanctl_subcommands() {
  case $1 in
    plan) echo "import export" ;;
    task) echo "due suspend resume complete reopen" ;;
    feedback) echo "list import add" ;;
    calendar) echo "add" ;;
    outbox) echo "messages show retry" ;;
    notify) echo "test" ;;
    rules) echo "check" ;;
    report) echo "assessment send" ;;
    target) echo "list add edit confirm reject" ;;
  esac
}

# Options of "command" or "command subcommand", without the global ones.
_dubanctl_options() {
  case $1 in
    "plan import") echo "--dry-run --accept-doubtful --format" ;;
    "plan export") echo "--format -o --output" ;;
    tasks) echo "--agency --role --section --state --light" ;;
    "task due") echo "--cycle --report-days --fixed-day --participant-lead-days --clear" ;;
    "task suspend" | "task resume" | "task complete" | "task reopen") echo "--reason" ;;
    feedback) echo "--agency --text --percent --done --attach --received --value" ;;
    "feedback add") echo "--agency --text --percent --done --attach --received --value" ;;
    "feedback list") echo "--task --agency" ;;
    "feedback import") echo "--dry-run" ;;
    outbox) echo "--state --task --agency --limit" ;;
    "outbox messages") echo "--state --target --action --limit" ;;
    "outbox retry") echo "--all-failed" ;;
    "notify test") echo "--agency --channel --wait" ;;
    simulate) echo "--from --days --task --agency" ;;
    log) echo "--task --agency --since --until --action --limit" ;;
    "report assessment") echo "--from --to --format --section -o --output" ;;
    "report send") echo "--period --from --to --force --dry-run" ;;
    export) echo "--message-bodies" ;;
    backup) echo "--wait" ;;
    "target list") echo "--state" ;;
    "target add" | "target edit") echo "--name --unit --comparison --value --tolerance --period --by" ;;
    "target confirm") echo "--task" ;;
    "target reject") echo "--reason" ;;
  esac
}

# Values of an enumerated option in "command [subcommand]"; "@file" completes file names,
# "@none" offers nothing (free text, numbers, dates).
_dubanctl_option_values() {
  local where=$1 option=$2
  case "$where $option" in
    "plan import --format") echo "text csv" ;;
    "plan export --format") echo "csv" ;;
    "report assessment --format") echo "table csv md html" ;;
    "tasks --role") echo "lead participant responsible" ;;
    "tasks --state") echo "active suspended completed removed all" ;;
    "tasks --light") echo "red yellow green none" ;;
    "task due --cycle") echo "none monthly quarterly half-yearly yearly" ;;
    "outbox --state") echo "pending skipped cancelled queued sent failed dead" ;;
    "outbox messages --state") echo "queued failed sent dead" ;;
    "notify test --channel") echo "email webhook" ;;
    "target list --state") echo "proposed confirmed rejected all" ;;
    "target add --comparison" | "target edit --comparison") echo "at_least at_most about" ;;
    "target add --period" | "target edit --period") echo "yearly by_date cumulative" ;;
    *" -o" | *" --output" | *" --socket" | "feedback --attach" | "feedback add --attach") echo "@file" ;;
    *) echo "@none" ;;
  esac
}

# Options that take no value; every other option takes the next word as its value.
_dubanctl_flags=" --json --dry-run --accept-doubtful --clear --done --all-failed"
_dubanctl_flags+=" --message-bodies --force --help -h "

# Positional arguments that are files.
_dubanctl_takes_file() {
  case $1 in
    "plan import" | "feedback import" | export | backup) return 0 ;;
  esac
  return 1
}

_dubanctl() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
  COMPREPLY=()

  # The words before the cursor: the command, its subcommand, and how many other
  # positional arguments (a task reference ...) there are. Option values are skipped.
  local command="" sub="" word i positionals=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ $word == -* ]]; then
      [[ $_dubanctl_flags != *" $word "* && $word != *=* ]] && ((i++))
      continue
    fi
    if [[ -z $command ]]; then
      command=$word
    elif [[ -z $sub && " $(_dubanctl_subcommands "$command") " == *" $word "* ]]; then
      sub=$word
    else
      ((positionals++))
    fi
  done
  local where=$command${sub:+ $sub}

  # The value of the option before the cursor.
  if [[ $prev == -* && $_dubanctl_flags != *" $prev "* ]]; then
    local values
    values=$(_dubanctl_option_values "$where" "$prev")
    case $values in
      @file) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
      @none) ;;
      *) COMPREPLY=($(compgen -W "$values" -- "$cur")) ;;
    esac
    return
  fi

  if [[ $cur == -* ]]; then
    local options=$_dubanctl_global_opts
    [[ -n $command ]] && options="$(_dubanctl_options "$where") $options"
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
    return
  fi
  if [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$_dubanctl_commands" -- "$cur"))
    return
  fi
  if [[ -z $sub ]]; then
    local subs
    subs=$(_dubanctl_subcommands "$command")
    case $command in
      # `task REF due|suspend|...`: the subcommand comes after the task reference.
      task) ((positionals == 1)) && COMPREPLY=($(compgen -W "$subs" -- "$cur")); return ;;
      # `feedback REF --agency ...` or `feedback list|import`.
      feedback) ((positionals == 0)) && COMPREPLY=($(compgen -W "$subs" -- "$cur")); return ;;
    esac
    if [[ -n $subs ]] && ((positionals == 0)); then
      COMPREPLY=($(compgen -W "$subs" -- "$cur"))
      return
    fi
  fi
  if [[ $where == log-level ]] && ((positionals == 0)); then
    COMPREPLY=($(compgen -W "trace debug info warn error" -- "$cur"))
    return
  fi
  if _dubanctl_takes_file "$where" && ((positionals == 0)); then
    COMPREPLY=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
  fi
}

complete -F _dubanctl dubanctl
