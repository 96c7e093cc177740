# bash completion for batchgen(1)                        -*- shell-script -*-
# SPDX-License-Identifier: MIT
# Completes commands, template names (asked of batchgen itself, so user
# templates from BATCHGEN_TEMPLATE_PATH are included), option names and
# option values (--format, --platform, --log-driver, --cpu-architecture),
# and files.

_batchgen_templates()
{
	"${COMP_WORDS[0]}" templates 2>/dev/null | awk 'NR > 1 { print $1 }'
}

_batchgen()
{
	local cur=${COMP_WORDS[COMP_CWORD]}
	local prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd=${COMP_WORDS[1]}
	local common="-v --verbose --templates -h --help"
	local output="-o --output -f --format --check"
	local template_opts="--name --label --image --command --vcpus --memory
		--gpus --nodes --main-node --retry-attempts --timeout
		--job-role-arn --execution-role-arn --platform --env --tag
		--parameter --propagate-tags --assign-public-ip --platform-version
		--privileged --readonly-root-filesystem --user --efs-volume
		--host-volume --mount --shared-memory-size --init-process --ulimit
		--secret --log-driver --log-option --ephemeral-storage
		--cpu-architecture --instance-type --repository-credentials
		--enable-execute-command"
	COMPREPLY=()

	if [[ $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "render validate describe templates rules schema
			$(_batchgen_templates) --help --version" -- "$cur"))
		return
	fi
	case $prev in
	-f | --format)
		COMPREPLY=($(compgen -W "json hcl" -- "$cur"))
		return
		;;
	--platform)
		COMPREPLY=($(compgen -W "ec2 fargate" -- "$cur"))
		return
		;;
	--log-driver)
		COMPREPLY=($(compgen -W "awslogs splunk json-file fluentd gelf
			journald syslog awsfirelens" -- "$cur"))
		return
		;;
	--cpu-architecture)
		COMPREPLY=($(compgen -W "X86_64 ARM64" -- "$cur"))
		return
		;;
	--templates)
		COMPREPLY=($(compgen -d -- "$cur"))
		return
		;;
	-o | --output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	esac
	case $cmd in
	render)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$output $common" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur"))
		fi
		;;
	validate)
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$common" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur"))
		fi
		;;
	describe)
		if [[ $COMP_CWORD -eq 2 ]]; then
			COMPREPLY=($(compgen -W "$(_batchgen_templates)" -- "$cur")
				$(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur"))
		elif [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "--json $template_opts $common" -- "$cur"))
		fi
		;;
	templates | rules | schema)
		COMPREPLY=($(compgen -W "$common" -- "$cur"))
		;;
	*)
		if [[ $cur == --assign-public-ip=* ]]; then
			COMPREPLY=($(compgen -P --assign-public-ip= -W "ENABLED DISABLED" -- "${cur#*=}"))
		elif [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$template_opts $output $common" -- "$cur"))
		fi
		;;
	esac
}
shopt -s extglob
complete -F _batchgen batchgen
