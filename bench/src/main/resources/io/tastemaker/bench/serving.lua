-- wrk script of the serving benchmark: every request is built once in init, then sent in turn.
--   -- GET <path>                                   the same GET, again and again
--   -- POST <path> <campaign ARN> <user ids file>    GetRecommendations for each user id of the file, cycling
--   -- POST <path> <campaign ARN> <user ids file> <filter ARN> <genres, comma-separated>
--                                                    the same with a genre filter, the genres in turn
local requests = {}
local turn = 0

function init(args)
  if args[1] == "GET" then
    requests[1] = wrk.format("GET", args[2])
    return
  end
  local genres = {}
  if args[6] then
    for genre in string.gmatch(args[6], "[^,]+") do
      genres[#genres + 1] = genre
    end
  end
  for user in io.lines(args[4]) do
    local body
    if #genres > 0 then
      local genre = genres[#requests % #genres + 1]
      body = string.format('{"campaignArn":"%s","userId":"%s","numResults":10,"filterArn":"%s","filterValues":{"GENRE":"\\"%s\\""}}',
        args[3], user, args[5], genre)
    else
      body = string.format('{"campaignArn":"%s","userId":"%s","numResults":10}', args[3], user)
    end
    local headers = { ["Host"] = wrk.headers["Host"], ["Content-Type"] = "application/json" }
    requests[#requests + 1] = wrk.format("POST", args[2], headers, body)
  end
end

function request()
  turn = turn % #requests + 1
  return requests[turn]
end
