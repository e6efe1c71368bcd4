-- wrk script of the serving benchmark: every request is built once in init, then sent in turn.
--   -- GET <path>                                   the same GET, again and again
--   -- POST <path> <campaign ARN> <user ids file>    GetRecommendations for each user id of the file, cycling
local requests = {}
local turn = 0

function init(args)
  if args[1] == "GET" then
    requests[1] = wrk.format("GET", args[2])
    return
  end
  for user in io.lines(args[4]) do
    local body = string.format('{"campaignArn":"%s","userId":"%s","numResults":10}', args[3], user)
    local headers = { ["Host"] = wrk.headers["Host"], ["Content-Type"] = "application/json" }
    requests[#requests + 1] = wrk.format("POST", args[2], headers, body)
  end
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end
